using System.Collections.Generic;
using System.Globalization;
using Backtester.Research;

namespace Backtester.Cli;

/// <summary>
/// Whether ranking rows by a statistic orders them, and when it does not, why, in the command line's terms (decision
/// 0105). When every row's statistic is NaN the "ranking" is grid-index order: <c>sweep</c> and <c>search</c> say so in
/// a warning, and <c>walkforward</c>, <c>search halving</c> and <c>sweep --detail</c>, whose choice it would make,
/// refuse in the same words. Rows are added as they stream past (a sweep keeps none): memory O(statistics).
/// </summary>
internal sealed class RankingCheck
{
    /// <summary>What to suggest ranking by instead, in this order: the statistics a ranking usually means.</summary>
    private static readonly string[] Alternatives = ["sharpe", "sortino", "return", "net_pnl", "max_drawdown_percent", "profit_factor", "win_rate", "expectancy", "cagr", "calmar"];

    /// <summary>At most this many alternatives are named.</summary>
    private const int Named = 4;

    private readonly IReadOnlyList<SummaryStatistic> _statistics = SummaryStatistics.All;
    private readonly double[] _first;
    private readonly bool[] _defined, _varies;
    private long _rows, _returns, _trips, _wins, _losses;

    public RankingCheck()
    {
        _first = new double[_statistics.Count];
        _defined = new bool[_statistics.Count];
        _varies = new bool[_statistics.Count];
    }

    /// <summary>The check of <paramref name="summaries"/>.</summary>
    public static RankingCheck Of(IEnumerable<BacktestSummary> summaries)
    {
        var check = new RankingCheck();
        foreach (BacktestSummary summary in summaries) check.Add(in summary);
        return check;
    }

    /// <summary>The rows added.</summary>
    public long Rows => _rows;

    /// <summary>Adds a successful row.</summary>
    public void Add(in BacktestSummary summary)
    {
        for (int i = 0; i < _statistics.Count; i++)
        {
            double value = _statistics[i].Read(summary);
            if (!double.IsNaN(value)) _defined[i] = true;
            // double.Equals holds NaN equal to NaN: a column of NaN does not vary.
            if (_rows == 0) _first[i] = value;
            else if (!_first[i].Equals(value)) _varies[i] = true;
        }
        _rows++;
        // Every row of one data set has the same samples (ShortHistory); the largest count is theirs.
        if (summary.EquitySamples > _returns) _returns = summary.EquitySamples;
        _trips += summary.RoundTrips;
        _wins += summary.Wins;
        _losses += summary.Losses;
    }

    /// <summary>True when two rows or more were added and every one's <paramref name="by"/> is NaN.</summary>
    public bool Unranked(SummaryStatistic by) => _rows >= 2 && !_defined[IndexOf(by.Name)];

    /// <summary>The warning of a ranking that orders nothing, or null when <paramref name="by"/> ranks the rows.</summary>
    public string? Warning(SummaryStatistic by, BacktestOptions backtest) =>
        Unranked(by) ? Explain(by, string.Create(CultureInfo.InvariantCulture, $"the {_rows:N0} combinations"), "ranking by it orders nothing: the rows shown are the lowest grid indices", backtest) : null;

    /// <summary>
    /// "<c>{by} is NaN for every one of {rows}, as {why}, so {consequence}. {what would rank}.</c>" <paramref name="backtest"/>
    /// gives the annualization factor a CAGR's year is counted in.
    /// </summary>
    public string Explain(SummaryStatistic by, string rows, string consequence, BacktestOptions backtest) =>
        $"{by.Name} is NaN for every one of {rows}, as {Reason(by.Name, backtest.AnnualizationFactor)}, so {consequence}. {Remedy(by.Name)}";

    /// <summary>The refusal of a research step whose choice by <paramref name="by"/> would go by grid index alone.</summary>
    /// <param name="e">The engine's refusal, with the summaries of the combinations that ran.</param>
    /// <param name="by">The statistic of <c>--by</c>.</param>
    /// <param name="backtest">The step's backtest options.</param>
    /// <param name="candidates">What the rows are, e.g. "in-sample combinations" or "candidates".</param>
    public static UserErrorException Refusal(UnrankedObjectiveException e, SummaryStatistic by, BacktestOptions backtest, string candidates)
    {
        string rows = string.Create(CultureInfo.InvariantCulture, $"its {e.Summaries.Count:N0} {candidates}");
        string consequence = e.Choosing == 1 ? "there is no best to choose" : string.Create(CultureInfo.InvariantCulture, $"there are no best {e.Choosing:N0} to keep");
        return new UserErrorException($"{e.Context}: {Of(e.Summaries).Explain(by, rows, consequence, backtest)}", e);
    }

    /// <summary>Why <paramref name="name"/> is NaN for these rows, from what they share; a plain statement when no known cause fits.</summary>
    private string Reason(string name, double periodsPerYear)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        bool shortHistory = _returns > 0 && _returns < periodsPerYear;
        string year = string.Create(c, $"these have {_returns:N0}, fewer than the {periodsPerYear:#,0.##} of a year (decision 0102)");
        string fewReturns = string.Create(c, $"two equity returns or more, and these have {_returns:N0}");
        string flat = "no combination's equity moved between its samples" + (_trips == 0 ? " (none closed a round trip)" : "");
        return name switch
        {
            "cagr" when _returns == 0 => "a CAGR needs one whole equity interval, and the data spans less",
            "cagr" when shortHistory => "a CAGR is NaN over less than a year of returns, and " + year,
            "calmar" when shortHistory => "a Calmar ratio divides the CAGR, which is NaN over less than a year of returns, and " + year,
            "calmar" when _defined[IndexOf("cagr")] => "a Calmar ratio is NaN where the sampled equity never fell below its peak, and none did",
            "sharpe" when _returns < 2 => "a Sharpe ratio needs " + fewReturns,
            "sharpe" => "a Sharpe ratio is NaN when the returns do not vary, and " + flat,
            "sortino" when _returns < 2 => "a Sortino ratio needs " + fewReturns,
            "sortino" => "a Sortino ratio is NaN without a losing period and a positive mean return, and " + flat,
            "annualized_volatility" when _returns < 2 => "a volatility needs " + fewReturns,
            "win_rate" when _trips == 0 => "a win rate needs a round trip, and no combination closed one",
            "expectancy" when _trips == 0 => "an expectancy needs a round trip, and no combination closed one",
            "profit_factor" when _trips == 0 => "a profit factor needs a round trip, and no combination closed one",
            "profit_factor" => "a profit factor needs a winning or losing round trip, and every one broke even",
            "average_win" when _wins == 0 => "an average win needs a winning round trip, and no combination closed one",
            "average_loss" when _losses == 0 => "an average loss needs a losing round trip, and no combination closed one",
            _ => "it is undefined for each of them over this data",
        };
    }

    /// <summary>The statistics that tell these rows apart, to rank by instead.</summary>
    private string Remedy(string by)
    {
        var ranks = new List<string>();
        var others = new List<string>();
        foreach (string name in Alternatives)
        {
            if (name == by) continue;
            others.Add(name);
            if (_varies[IndexOf(name)] && ranks.Count < Named) ranks.Add("--by " + name);
        }
        return ranks.Count > 0
            ? "Rank by a statistic that tells them apart here: " + Listed(ranks, "or") + "."
            : "None of " + Listed(others, "or") + " tells them apart here either: they score alike on each.";
    }

    private static string Listed(List<string> items, string conjunction) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.GetRange(0, items.Count - 1)) + " " + conjunction + " " + items[^1];

    private int IndexOf(string name)
    {
        for (int i = 0; i < _statistics.Count; i++)
            if (_statistics[i].Name == name) return i;
        throw new KeyNotFoundException($"no summary statistic '{name}'");
    }
}
