using System;
using System.Collections.Generic;
using Backtester.Data;

namespace Backtester.Results;

/// <summary>
/// Rebuilds closed round trips from fills with the engine's own average-cost rules (see <c>Portfolio.Apply</c>): per
/// symbol a trip runs from flat to flat; a fill that goes through zero closes the trip with the part that closes and
/// opens the next with the rest, splitting its fee pro rata.
/// </summary>
internal static class RoundTripBuilder
{
    public static List<RoundTripRecord> Build(IReadOnlyList<Fill> fills, SymbolTable symbols)
    {
        var trips = new List<RoundTripRecord>();
        var open = new Dictionary<int, Trip>();
        foreach (Fill fill in fills)
        {
            if (!open.TryGetValue(fill.SymbolId, out Trip? trip))
            {
                trip = new Trip();
                open.Add(fill.SymbolId, trip);
            }
            double q = fill.SignedQuantity;
            if (trip.Position == 0 || Math.Sign(trip.Position) == Math.Sign(q))
            {
                if (trip.Position == 0) trip.Start(fill.Timestamp, q > 0 ? Side.Buy : Side.Sell);
                trip.Add(Math.Abs(q), fill.Price, fill.Fee);
                trip.Position += q;
            }
            else
            {
                double closing = Math.Min(Math.Abs(q), Math.Abs(trip.Position));
                double closingFee = fill.Fee * closing / Math.Abs(q);
                trip.Reduce(closing, fill.Price, closingFee);
                if (Math.Abs(q) >= Math.Abs(trip.Position))
                {
                    trips.Add(trip.Close(fill.SymbolId, (uint)fill.SymbolId < (uint)symbols.Count ? symbols[fill.SymbolId] : null, fill.Timestamp));
                    double rest = Math.Abs(q) - closing;
                    trip.Position = 0;
                    if (Math.Abs(q) != closing)
                    {
                        trip.Start(fill.Timestamp, q > 0 ? Side.Buy : Side.Sell);
                        trip.Add(rest, fill.Price, fill.Fee - closingFee);
                        trip.Fills = 1;
                        trip.Position = q > 0 ? rest : -rest;
                    }
                }
                else trip.Position += q;
            }
        }
        return trips;
    }

    private sealed class Trip
    {
        public double Position, EntryQuantity, EntryNotional, ExitQuantity, ExitNotional, AverageCost, Realized, Fees, MaxQuantity;
        public long OpenedAt;
        public Side Direction;
        public int Fills;

        public void Start(long time, Side direction)
        {
            OpenedAt = time;
            Direction = direction;
            EntryQuantity = EntryNotional = ExitQuantity = ExitNotional = AverageCost = Realized = Fees = MaxQuantity = 0;
            Fills = 0;
        }

        public void Add(double quantity, double price, double fee)
        {
            double held = Math.Abs(Position);
            AverageCost = (AverageCost * held + price * quantity) / (held + quantity);
            EntryQuantity += quantity;
            EntryNotional += quantity * price;
            Fees += fee;
            Fills++;
            MaxQuantity = Math.Max(MaxQuantity, held + quantity);
        }

        public void Reduce(double quantity, double price, double fee)
        {
            Realized += quantity * (price - AverageCost) * (Direction == Side.Buy ? 1 : -1);
            ExitQuantity += quantity;
            ExitNotional += quantity * price;
            Fees += fee;
            Fills++;
        }

        public RoundTripRecord Close(int symbolId, string? symbol, long time)
        {
            double pnl = Realized - Fees;
            return new RoundTripRecord(symbol, symbolId, Direction, OpenedAt, time, time - OpenedAt, MaxQuantity,
                EntryNotional / EntryQuantity, ExitNotional / ExitQuantity, pnl, Fees, EntryNotional > 0 ? pnl / EntryNotional : double.NaN, Fills);
        }
    }
}
