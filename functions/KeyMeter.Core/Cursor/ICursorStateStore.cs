namespace KeyMeter.Core.Cursor;

/// <summary>Port to the pollers' watermarks (table <c>cursorstate</c>): how far each feed has been read completely.</summary>
public interface ICursorStateStore
{
    /// <summary>The watermark called <paramref name="name"/>, or null before the first completed window.</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(string name, CancellationToken cancellationToken);

    Task SetWatermarkAsync(string name, DateTimeOffset value, CancellationToken cancellationToken);
}
