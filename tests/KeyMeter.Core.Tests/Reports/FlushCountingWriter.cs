namespace KeyMeter.Core.Tests.Reports;

/// <summary>A StringWriter that counts flushes and refuses synchronous writes, like a response body does.</summary>
internal sealed class FlushCountingWriter : StringWriter
{
    public int Flushes { get; private set; }

    public override Task FlushAsync()
    {
        Flushes++;
        return base.FlushAsync();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        return Task.CompletedTask;
    }

    public override void Flush() => throw new InvalidOperationException("Synchronous flush.");
}
