using System;
using System.Collections.Generic;
using Backtester.Accounting;
using Backtester.Data;

namespace Backtester.Results;

/// <summary>
/// Rebuilds closed round trips from fills with the engine's own average-cost rules (see <c>Portfolio.Apply</c>): per
/// symbol a trip runs from flat to flat; a fill that goes through zero closes the trip with the part that closes and
/// opens the next with the rest, splitting its fee pro rata; a closing fill within <see cref="Portfolio.DustTolerance"/>
/// of the position closes it exactly. Money follows the symbol's contract, as in the portfolio: the unit value of one
/// contract is multiplier × price (linear) or −multiplier / price (inverse), so an inverse trip's PnL is
/// quantity × multiplier × (1/entry − 1/exit) in its coin, and its average prices are harmonic means.
/// </summary>
internal static class RoundTripBuilder
{
    /// <summary>The trips of <paramref name="fills"/>; <paramref name="contracts"/> gives each symbol's contract (null: linear, multiplier 1).</summary>
    public static List<RoundTripRecord> Build(IReadOnlyList<Fill> fills, SymbolTable symbols, IReadOnlyList<ContractTerms>? contracts = null)
    {
        var trips = new List<RoundTripRecord>();
        var open = new Dictionary<int, Trip>();
        foreach (Fill fill in fills)
        {
            if (!open.TryGetValue(fill.SymbolId, out Trip? trip))
            {
                ContractTerms terms = contracts is not null && (uint)fill.SymbolId < (uint)contracts.Count ? contracts[fill.SymbolId] : ContractTerms.Linear;
                trip = new Trip(terms);
                open.Add(fill.SymbolId, trip);
            }
            double q = fill.SignedQuantity;
            if (trip.Position == 0 || Math.Sign(trip.Position) == Math.Sign(q))
            {
                if (trip.Position == 0) trip.Start(fill.Timestamp, q > 0 ? Side.Buy : Side.Sell);
                trip.Add(Math.Abs(q), fill.Price, fill.Fee);
                trip.Position += q;
                continue;
            }
            double held = Math.Abs(trip.Position), size = Math.Abs(q);
            double closing = Math.Min(size, held);
            double closingFee = fill.Fee * closing / size;
            trip.Reduce(closing, fill.Price, closingFee);
            double dust = Portfolio.DustTolerance * Math.Max(size, held);
            if (size < held - dust)
            {
                trip.Position += q;
                continue;
            }
            trips.Add(trip.Close(fill.SymbolId, (uint)fill.SymbolId < (uint)symbols.Count ? symbols[fill.SymbolId] : null, fill.Timestamp));
            trip.Position = 0;
            if (Math.Abs(size - held) > dust)
            {
                double rest = size - closing;
                trip.Start(fill.Timestamp, q > 0 ? Side.Buy : Side.Sell);
                trip.Add(rest, fill.Price, fill.Fee - closingFee);
                trip.Position = q > 0 ? rest : -rest;
            }
        }
        return trips;
    }

    private sealed class Trip(ContractTerms terms)
    {
        public double Position, EntryQuantity, EntryUnits, EntryNotional, ExitQuantity, ExitUnits, AverageUnit, Realized, Fees, MaxQuantity;
        public long OpenedAt;
        public Side Direction;
        public int Fills;

        public void Start(long time, Side direction)
        {
            OpenedAt = time;
            Direction = direction;
            EntryQuantity = EntryUnits = EntryNotional = ExitQuantity = ExitUnits = AverageUnit = Realized = Fees = MaxQuantity = 0;
            Fills = 0;
        }

        public void Add(double quantity, double price, double fee)
        {
            double held = Math.Abs(Position), unit = terms.UnitValue(price);
            AverageUnit = (AverageUnit * held + unit * quantity) / (held + quantity);
            EntryQuantity += quantity;
            EntryUnits += quantity * unit;
            EntryNotional += quantity * Math.Abs(unit);
            Fees += fee;
            Fills++;
            MaxQuantity = Math.Max(MaxQuantity, held + quantity);
        }

        public void Reduce(double quantity, double price, double fee)
        {
            Realized += quantity * (terms.UnitValue(price) - AverageUnit) * (Direction == Side.Buy ? 1 : -1);
            ExitQuantity += quantity;
            ExitUnits += quantity * terms.UnitValue(price);
            Fees += fee;
            Fills++;
        }

        public RoundTripRecord Close(int symbolId, string? symbol, long time)
        {
            double pnl = Realized - Fees;
            return new RoundTripRecord(symbol, symbolId, Direction, OpenedAt, time, time - OpenedAt, MaxQuantity,
                terms.PriceOf(EntryUnits / EntryQuantity), terms.PriceOf(ExitUnits / ExitQuantity), pnl, Fees,
                EntryNotional > 0 ? pnl / EntryNotional : double.NaN, Fills);
        }
    }
}

