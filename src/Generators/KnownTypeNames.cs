namespace Backtester.Generators;

/// <summary>Metadata names of the Backtester.Sdk types the generator and analyzer look for.</summary>
internal static class KnownTypeNames
{
    public const string StrategyAttribute = "Backtester.StrategyAttribute";
    public const string ParamAttribute = "Backtester.ParamAttribute";
    public const string OnStartAttribute = "Backtester.OnStartAttribute";
    public const string OnTradeAttribute = "Backtester.OnTradeAttribute";
    public const string OnQuoteAttribute = "Backtester.OnQuoteAttribute";
    public const string OnBarAttribute = "Backtester.OnBarAttribute";
    public const string OnBookAttribute = "Backtester.OnBookAttribute";
    public const string OnFundingAttribute = "Backtester.OnFundingAttribute";
    public const string OnMarkPriceAttribute = "Backtester.OnMarkPriceAttribute";
    public const string OnTimerAttribute = "Backtester.OnTimerAttribute";
    public const string OnFillAttribute = "Backtester.OnFillAttribute";
    public const string OnOrderAttribute = "Backtester.OnOrderAttribute";
    public const string OnFinishAttribute = "Backtester.OnFinishAttribute";
    public const string Trade = "Backtester.Trade";
    public const string Quote = "Backtester.Quote";
    public const string Bar = "Backtester.Bar";
    public const string BookUpdate = "Backtester.BookUpdate";
    public const string Funding = "Backtester.Funding";
    public const string MarkPriceUpdate = "Backtester.MarkPriceUpdate";
    public const string TimerTick = "Backtester.TimerTick";
    public const string Fill = "Backtester.Fill";
    public const string OrderUpdate = "Backtester.OrderUpdate";
    public const string Orders = "Backtester.Orders";
    public const string ArrowRecordAttribute = "Backtester.ArrowRecordAttribute";
    public const string ArrowTimestampAttribute = "Backtester.ArrowTimestampAttribute";
}
