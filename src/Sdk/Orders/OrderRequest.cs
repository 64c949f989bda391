using System.Runtime.InteropServices;

namespace Backtester;

/// <summary>An order as the strategy placed it, before the simulated venue has seen it.</summary>
/// <param name="OrderId">Unique (per run) id, increasing from 1.</param>
/// <param name="SymbolId">Index of the symbol in the data's symbol table.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Quantity">Positive quantity.</param>
/// <param name="Type">How the order executes.</param>
/// <param name="DecisionTime">Time of the event on which the strategy placed the order (ns, UTC).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct OrderRequest(long OrderId, int SymbolId, Side Side, double Quantity, OrderType Type, long DecisionTime);
