using System;

namespace Backtester;

/// <summary>
/// Marks the strategy method called for every <see cref="BookUpdate"/> (one price level of the L2 book changed). Signature:
/// <c>void M(in BookUpdate e)</c> or <c>void M(in BookUpdate e, Orders orders)</c>; an instance method, at most one per strategy.
/// Read the book through <see cref="BookUpdate.Book"/>; it does not allocate.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class OnBookAttribute : Attribute { }
