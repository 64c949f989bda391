using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called once after the last event. Signature: <c>void M()</c> or
/// <c>void M(Orders orders)</c>; orders placed here are not executed (there is no later event to fill them).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnFinishAttribute : Attribute { }
