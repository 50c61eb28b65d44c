namespace KeyMeter.Adapters.Emulator;

/// <summary>The last lines a child process wrote, kept for the error message when it fails to start.</summary>
internal sealed class AzuriteOutputTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(none)" : string.Join(Environment.NewLine, _lines);
        }
    }
}
