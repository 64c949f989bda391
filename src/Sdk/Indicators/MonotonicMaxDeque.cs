namespace Backtester.Indicators;

/// <summary>
/// The maximum of the last n values in O(1) amortized: a deque of candidates (values that a later, larger value
/// has not yet beaten), decreasing from front to back, kept in a fixed ring of n slots with the sequence number
/// of each value so the front can be expired. A rolling minimum uses it on negated values.
/// </summary>
internal struct MonotonicMaxDeque
{
    private readonly double[] _values;
    private readonly long[] _sequence;
    private int _head;
    private int _count;
    private long _pushed;

    public MonotonicMaxDeque(int period)
    {
        _values = new double[period];
        _sequence = new long[period];
    }

    /// <summary>How many values have been pushed since construction or the last <see cref="Clear"/>.</summary>
    public readonly long Pushed => _pushed;

    public readonly double Max => _values[_head];

    public void Push(double value)
    {
        int capacity = _values.Length;
        long sequence = _pushed++;

        // At most one candidate leaves the window per push: the one pushed exactly n pushes ago.
        if (_count > 0 && _sequence[_head] <= sequence - capacity)
        {
            _head = _head + 1 == capacity ? 0 : _head + 1;
            _count--;
        }

        while (_count > 0)
        {
            int back = Wrap(_head + _count - 1, capacity);
            if (_values[back] > value)
                break;
            _count--;
        }

        int tail = Wrap(_head + _count, capacity);
        _values[tail] = value;
        _sequence[tail] = sequence;
        _count++;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
        _pushed = 0;
    }

    private static int Wrap(int index, int capacity) => index >= capacity ? index - capacity : index;
}
