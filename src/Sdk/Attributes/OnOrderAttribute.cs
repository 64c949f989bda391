using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called for every <see cref="OrderUpdate"/> (accepted, filled, cancelled, rejected, amended). Signature:
/// <c>void M(in OrderUpdate e)</c> or <c>void M(in OrderUpdate e, Orders orders)</c>; an instance method, at most one per strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnOrderAttribute : Attribute { }
