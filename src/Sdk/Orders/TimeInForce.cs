namespace Backtester;

/// <summary>How long an order works, and whether it may take liquidity.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: whatever does not fill at once keeps working.</summary>
    Gtc = 0,

    /// <summary>Immediate or cancel: fills what it can on arrival (or on triggering, for stops); the rest is cancelled.</summary>
    Ioc = 1,

    /// <summary>Fill or kill: fills its whole quantity on arrival (or on triggering) or nothing, and is then cancelled.</summary>
    Fok = 2,

    /// <summary>Good till cancelled and maker only: rejected on arrival if it would take liquidity.</summary>
    PostOnly = 3,
}
