using System;
using System.Collections.Generic;
using Backtester.Infrastructure;
using CsCheck;
using Xunit;

namespace Backtester.Engine.Tests;

/// <summary>
/// The venue's running open-quantity totals against a second reckoning: a strategy that sends random orders, cancels
/// and amends on two symbols keeps its own book from what it sent and from the order updates it hears (the last
/// reported remaining quantity of each order, or the sent quantity before any update), and on every event compares
/// <see cref="Orders.OpenQuantity"/> with it.
/// </summary>
public class OpenQuantityBookkeepingTests
{
    private sealed class Book
    {
        public readonly Dictionary<long, (int Symbol, double Signed)> Open = new();
        public int Compared;

        public double Of(int symbol)
        {
            double open = 0;
            foreach (var (s, signed) in Open.Values) if (s == symbol) open += signed;
            return open;
        }
    }

    private struct RandomOrders(Book book, ulong seed) : IStrategyDriver
    {
        private ulong _state = seed | 1;
        private readonly List<long> _ids = new();

        private int Next(int n)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            return (int)(_state % (ulong)n);
        }

        private void Act(double price, Orders orders)
        {
            int s = orders.SymbolId;
            double expected = book.Of(s);
            if (orders.OpenQuantity != expected) throw new InvalidOperationException($"symbol {s} at {orders.Time}: OpenQuantity {orders.OpenQuantity}, own book {expected}");
            book.Compared++;
            double quantity = 0.25 * (1 + Next(8)); // multiples of 1/4: sums are exact in binary
            Side side = Next(2) == 0 ? Side.Buy : Side.Sell;
            double sign = side == Side.Buy ? 1 : -1;
            long id = 0;
            switch (Next(8))
            {
                case 0: id = orders.Market(side, quantity); break;
                case 1: case 2: id = orders.Limit(side, quantity, price * (1 + (sign * (Next(5) - 2) * 0.001))); break;
                case 3: id = orders.Stop(side, quantity, price * (1 + (sign * 0.002))); break;
                case 4: id = orders.Limit(side, quantity, price, Next(2) == 0 ? TimeInForce.Ioc : TimeInForce.PostOnly); break;
                case 5: if (_ids.Count > 0) orders.Cancel(_ids[Next(_ids.Count)]); break;
                case 6: if (_ids.Count > 0) orders.Amend(_ids[Next(_ids.Count)], quantity: 0.25 * (1 + Next(8))); break;
                default: break;
            }
            if (id == 0) return;
            _ids.Add(id);
            book.Open[id] = (s, sign * quantity);
        }

        public void OnTrade(in Trade trade, Orders orders) => Act(trade.Price, orders);
        public void OnQuote(in Quote quote, Orders orders) => Act(quote.Mid, orders);
        public void OnOrder(in OrderUpdate update, Orders orders)
        {
            if (!book.Open.TryGetValue(update.OrderId, out var entry)) return;
            book.Open[update.OrderId] = (entry.Symbol, Math.Sign(entry.Signed) * update.RemainingQuantity);
        }

        public void OnStart(Orders orders) { }
        public void OnBar(in Bar bar, Orders orders) { }
        public void OnBook(in BookUpdate update, Orders orders) { }
        public void OnFunding(in Funding funding, Orders orders) { }
        public void OnMarkPrice(in MarkPriceUpdate mark, Orders orders) { }
        public void OnTimer(in TimerTick timer, Orders orders) { }
        public void OnFill(in Fill fill, Orders orders) { }
        public void OnFinish(Orders orders) { }
    }

    [Fact]
    public void Open_quantity_equals_the_strategys_own_book_of_every_order_sent_and_updated()
    {
        Gen.Select(Gen.ULong, Gen.Int[20, 200], Gen.Bool).Sample((seed, events, bounded) =>
        {
            var tape = new Tape("A", "B");
            var random = new Random((int)(seed % int.MaxValue));
            double[] mid = [100, 50];
            for (int i = 0; i < events; i++)
            {
                int s = random.Next(2);
                mid[s] *= 1 + (0.002 * (random.NextDouble() - 0.5));
                long t = 1_000 + (i * 1_000L);
                if (random.Next(3) == 0) tape.Quote(t, mid[s] * 0.9995, 1 + random.Next(3), mid[s] * 1.0005, 1 + random.Next(3), s);
                else tape.Trade(t, mid[s], 0.25 * (1 + random.Next(8)), s);
            }
            var book = new Book();
            var driver = new RandomOrders(book, seed);
            new BacktestRunner().Run(tape.Build(), ref driver, new BacktestOptions
            {
                OrderLatencyNs = 2_500,
                LimitFillsToDisplayedSize = bounded,
                QueuePosition = QueuePosition.Conservative,
            });
            if (book.Compared != events) throw new InvalidOperationException($"compared {book.Compared} of {events} events");
        }, iter: 200);
    }
}
