using Backtester.Cli;

return BacktesterCli.Run(args, CliConsole.FromSystem());
