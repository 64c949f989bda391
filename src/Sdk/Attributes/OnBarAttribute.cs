using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called for every <see cref="Bar"/>. Signature:
/// <c>void M(in Bar e)</c> or <c>void M(in Bar e, Orders orders)</c>; an instance method, at most one per strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnBarAttribute : Attribute { }
