using System.Runtime.InteropServices;

namespace Backtester.Execution;

/// <summary>An order on its way to, or resting at, the simulated venue.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct PendingOrder(OrderRequest Request, long ArrivalTime);
