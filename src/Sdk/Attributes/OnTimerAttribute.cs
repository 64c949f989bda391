using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called at every firing of a timer scheduled with <see cref="Orders.Every"/> in
/// <c>[OnStart]</c>. Signature: <c>void M(in TimerTick e)</c> or <c>void M(in TimerTick e, Orders orders)</c>; an instance
/// method, at most one per strategy. A timer has no symbol: send orders with the overloads taking a symbol id.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnTimerAttribute : Attribute { }
