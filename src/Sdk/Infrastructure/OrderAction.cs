using System.ComponentModel;
namespace Backtester.Infrastructure;

/// <summary>What an <see cref="OrderRequest"/> asks the venue to do.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum OrderAction : byte
{
    /// <summary>Place a new order.</summary>
    New = 0,

    /// <summary>Cancel a working order.</summary>
    Cancel = 1,

    /// <summary>Change a working order's price and/or quantity.</summary>
    Amend = 2,
}
