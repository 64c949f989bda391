using System;

namespace Backtester.Cli.Running;

/// <summary>
/// A run stopped on an exception thrown where the strategy's handlers run, inlined into the engine's loop, so neither the
/// strategy nor the engine can be named as its source (<see cref="StrategyFault.ThrownWhereHandlersRun"/>). The command
/// line prints the message and the trace and exits with <see cref="ExitCodes.InternalError"/>.
/// </summary>
internal sealed class UnattributedRunFailure(string message, Exception inner) : Exception(message, inner);
