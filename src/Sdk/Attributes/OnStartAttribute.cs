using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called once before the first event. Signature: <c>void M()</c> or
/// <c>void M(Orders orders)</c>; an instance method, at most one per strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnStartAttribute : Attribute { }
