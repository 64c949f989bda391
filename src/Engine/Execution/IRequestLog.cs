using Backtester.Infrastructure;

namespace Backtester.Execution;

/// <summary>
/// Hears the venue's decision-time outcome of each request the strategy sent, in sending order: on its way as the venue
/// took it (after any rounding onto the instrument's grids, <see cref="OffGridOrders.Round"/>), or refused at once. A
/// run's order journal listens, so that orders.arrow shows the prices and quantities the venue worked with, and can tell
/// which amend each later report answers (requests never overtake one another, so reports on arrival answer the
/// requests on their way in order, while a refusal at decision time answers the one just sent).
/// </summary>
internal interface IRequestLog
{
    /// <summary><paramref name="request"/>, as the venue took it, is on its way to the venue.</summary>
    void Sent(in OrderRequest request);

    /// <summary><paramref name="request"/> was refused at decision time: its report follows at once.</summary>
    void Refused(in OrderRequest request);

    /// <summary>
    /// Trailing stop (or trailing stop-limit) <paramref name="orderId"/> triggered at <paramref name="stopPrice"/>, the
    /// stop it had trailed to; a trailing stop-limit now works at <paramref name="limitPrice"/> (NaN for a trailing stop).
    /// </summary>
    void StopTriggered(long orderId, double stopPrice, double limitPrice);
}
