namespace Backtester;

/// <summary>The kind of account a run trades from (<see cref="AccountOptions.Type"/>).</summary>
public enum AccountType : byte
{
    /// <summary>
    /// Margin: orders are refused when equity would not cover the initial margin of positions and open orders
    /// (<see cref="RejectReason.InsufficientMargin"/>); equity below the maintenance margin liquidates every cross position; a symbol on isolated margin (<see cref="AccountOptions.IsolatedSymbols"/>) is liquidated alone, when its own margin balance falls below its maintenance margin.
    /// </summary>
    Margin = 0,

    /// <summary>
    /// Cash (spot): buys are refused when cash would not pay for them (<see cref="RejectReason.InsufficientFunds"/>);
    /// sells beyond the holding are refused (<see cref="RejectReason.ShortSellingNotAllowed"/>) unless
    /// <see cref="AccountOptions.AllowShortSelling"/>. Never liquidated.
    /// </summary>
    Cash = 1,

    /// <summary>Unlimited credit: no order is refused for money and nothing is liquidated (the engine's behaviour before accounts).</summary>
    Unlimited = 2,
}
