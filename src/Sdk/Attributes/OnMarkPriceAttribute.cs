using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called at every mark-price update (<see cref="MarkPriceUpdate"/>), after the account has
/// been marked at it when the run marks by mark price (<c>BacktestOptions.MarkWith</c>). Signature:
/// <c>void M(in MarkPriceUpdate e)</c> or <c>void M(in MarkPriceUpdate e, Orders orders)</c>; an instance method, at most
/// one per strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnMarkPriceAttribute : Attribute { }
