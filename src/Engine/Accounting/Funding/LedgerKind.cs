namespace Backtester;

/// <summary>What moved cash in a <see cref="Ledger"/> row.</summary>
public enum LedgerKind : byte
{
    /// <summary>A funding payment of a perpetual contract (received when positive, paid when negative).</summary>
    Funding = 0,
}
