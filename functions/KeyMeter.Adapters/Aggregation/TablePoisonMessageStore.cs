using System.Runtime.InteropServices;
using System.Security.Cryptography;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Adapters.Aggregation;

/// <summary>
/// <see cref="IPoisonMessageStore"/> in the <c>poison</c> table: one partition per UTC day received, the message id
/// (made key-safe) as row key. Saving replaces the row, so a redelivered message keeps one row with its latest count.
/// </summary>
internal sealed class TablePoisonMessageStore(TableProvider tables) : IPoisonMessageStore
{
    public const string TableName = "poison";

    private const int MaxRowKeyChars = 200;
    private const int MaxMessageIdChars = 256;
    private const int HashChars = 8;

    public async Task SaveAsync(PoisonMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entity = new TableEntity(AggregateKeys.Day(DateOnly.FromDateTime(message.ReceivedAt.UtcDateTime)), RowKey(message.MessageId))
        {
            ["Queue"] = message.Queue,
            ["MessageId"] = Cut(message.MessageId, MaxMessageIdChars),
            ["DeliveryCount"] = message.DeliveryCount,
            ["ReceivedAt"] = message.ReceivedAt,
            ["Reason"] = message.Reason,
            ["Body"] = Cut(message.Body, PoisonMessage.MaxBodyChars),
        };
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The message id with every character a key forbids (and any surrogate) replaced by <c>_</c>, cut to 200
    /// characters; when that changed it, <c>~</c> and 8 hex characters of the SHA-256 of the original follow, so two
    /// ids that differ only in replaced or cut characters stay two rows.
    /// </summary>
    internal static string RowKey(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var safe = string.Create(Math.Min(messageId.Length, MaxRowKeyChars), messageId, static (span, id) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = IsKeySafe(id[i]) ? id[i] : '_';
            }
        });
        if (safe.Length > 0 && string.Equals(safe, messageId, StringComparison.Ordinal))
        {
            return safe;
        }

        // The UTF-16 code units, not UTF-8: encoding would turn every lone surrogate into the same U+FFFD.
        var hash = SHA256.HashData(MemoryMarshal.AsBytes(messageId.AsSpan()));
        return safe + "~" + Convert.ToHexStringLower(hash)[..HashChars];
    }

    // docs "Understanding the Table service data model": no / \ # ? or control characters in keys. A surrogate is
    // replaced too, so a cut can never leave half a pair.
    private static bool IsKeySafe(char c) => c is not ('/' or '\\' or '#' or '?') && !char.IsControl(c) && !char.IsSurrogate(c);

    /// <summary>At most <paramref name="maxChars"/> characters, without leaving half a surrogate pair at the end.</summary>
    private static string Cut(string value, int maxChars) =>
        value.Length <= maxChars ? value : value[..(char.IsHighSurrogate(value[maxChars - 1]) ? maxChars - 1 : maxChars)];
}
