using System;
using System.Collections.Generic;

namespace Backtester;

/// <summary>
/// The account a run trades from: its type, margin rates (instruments may override them per symbol) and the
/// liquidation fee. The default is a margin account at 1x leverage (initial margin 100% of notional), maintenance
/// margin 0 (liquidated only once equity is negative), liquidation fee 50 bps; see docs/decisions/0037 and
/// docs/execution.md, "Accounts".
/// </summary>
public sealed record AccountOptions
{
    /// <summary>The default account: margin, 1x leverage.</summary>
    public static AccountOptions Default { get; } = new();

    /// <summary>No buying-power check and no liquidation: unlimited credit.</summary>
    public static AccountOptions Unlimited { get; } = new() { Type = AccountType.Unlimited };

    /// <summary>A cash (spot) account: no borrowing; short selling only when <paramref name="allowShortSelling"/>.</summary>
    public static AccountOptions Cash(bool allowShortSelling = false) => new() { Type = AccountType.Cash, AllowShortSelling = allowShortSelling };

    /// <summary>A margin account of <paramref name="leverage"/> (initial margin 1 / leverage) and the given maintenance margin fraction.</summary>
    public static AccountOptions Margin(double leverage, double maintenanceMargin = 0)
    {
        if (!(leverage >= 1) || double.IsInfinity(leverage))
            throw new ArgumentOutOfRangeException(nameof(leverage), leverage, "Leverage must be at least 1 and finite.");
        return new AccountOptions { InitialMargin = 1 / leverage, MaintenanceMargin = maintenanceMargin };
    }

    /// <summary>Margin (default), cash or unlimited.</summary>
    public AccountType Type { get; init; }

    /// <summary>Initial margin as a fraction of notional, for symbols whose instrument does not set one: 1 / maximum leverage. Default 1.</summary>
    public double InitialMargin { get; init; } = 1;

    /// <summary>Maintenance margin as a fraction of notional, for symbols whose instrument does not set one. Default 0.</summary>
    public double MaintenanceMargin { get; init; }

    /// <summary>Cash accounts only: allow selling more than is held (the short needs cash of its full notional). Default false.</summary>
    public bool AllowShortSelling { get; init; }

    /// <summary>Fee of a liquidation fill, in basis points of its notional. Default 50.</summary>
    public double LiquidationFeeBps { get; init; } = 50;

    /// <summary>
    /// Margin accounts only: the symbols put on <b>isolated</b> margin; every other symbol is on cross margin (one pool).
    /// An isolated position carries its own margin (initial rate × notional at the fills that opened it), its loss is
    /// bounded by that margin, and when its margin plus unrealized PnL falls below its maintenance margin only that
    /// position is liquidated. Names must be symbols of the data. Default: none (every symbol cross). Rules and a worked
    /// example: docs/execution.md, "Isolated margin", and docs/decisions/0088.
    /// </summary>
    public IReadOnlyList<string> IsolatedSymbols { get; init; } = Array.Empty<string>();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting and its value (<see cref="ArgumentException"/> for <see cref="IsolatedSymbols"/>).</summary>
    public void Validate()
    {
        if (Type > AccountType.Unlimited)
            throw new ArgumentOutOfRangeException(nameof(Type), Type, "Unknown account type.");
        if (!(InitialMargin > 0 && InitialMargin <= 1))
            throw new ArgumentOutOfRangeException(nameof(InitialMargin), InitialMargin, "InitialMargin must be in (0, 1] (1 / leverage).");
        if (!(MaintenanceMargin >= 0 && MaintenanceMargin <= InitialMargin))
            throw new ArgumentOutOfRangeException(nameof(MaintenanceMargin), MaintenanceMargin, "MaintenanceMargin must be in [0, InitialMargin].");
        if (!(LiquidationFeeBps >= 0) || double.IsInfinity(LiquidationFeeBps))
            throw new ArgumentOutOfRangeException(nameof(LiquidationFeeBps), LiquidationFeeBps, "LiquidationFeeBps must be a non-negative finite number.");
        if (IsolatedSymbols is null)
            throw new ArgumentException("IsolatedSymbols must not be null (empty: every symbol on cross margin).", nameof(IsolatedSymbols));
        if (IsolatedSymbols.Count == 0) return;
        if (Type != AccountType.Margin)
            throw new ArgumentException($"IsolatedSymbols is for margin accounts; this account is {Type}.", nameof(IsolatedSymbols));
        for (int i = 0; i < IsolatedSymbols.Count; i++) // by index: an interface enumerator would allocate at every run's start
            if (string.IsNullOrWhiteSpace(IsolatedSymbols[i]))
                throw new ArgumentException("IsolatedSymbols holds an empty symbol name.", nameof(IsolatedSymbols));
    }
}
