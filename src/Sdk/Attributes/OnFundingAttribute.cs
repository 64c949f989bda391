using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called at every funding settlement (<see cref="Funding"/>), after the payment has been
/// booked; the event's <see cref="Funding.Amount"/> is what the position received (negative: paid). Signature: <c>void M(in Funding e)</c> or <c>void M(in Funding e, Orders orders)</c>; an instance method, at
/// most one per strategy.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnFundingAttribute : Attribute { }
