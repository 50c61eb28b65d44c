namespace KeyMeter.Core.Aggregation;

/// <summary>Port to the <c>poison</c> table: messages acknowledged without being counted because they never could be.</summary>
public interface IPoisonMessageStore
{
    /// <summary>Keeps <paramref name="message"/>; saving the same message id twice keeps one row.</summary>
    Task SaveAsync(PoisonMessage message, CancellationToken cancellationToken);
}
