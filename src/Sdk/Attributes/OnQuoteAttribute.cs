using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called for every <see cref="Quote"/>. Signature:
/// <c>void M(in Quote e)</c> or <c>void M(in Quote e, Orders orders)</c>; an instance method, at most one per strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnQuoteAttribute : Attribute { }
