using System.Runtime.InteropServices;
using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>A request on its way to the venue: it acts on events of <see cref="SymbolId"/> at or after <see cref="ArrivalTime"/>.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct InFlightRequest(OrderRequest Request, int SymbolId, long ArrivalTime);
