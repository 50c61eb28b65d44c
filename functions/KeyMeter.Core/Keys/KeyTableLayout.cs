using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KeyMeter.Core.Keys;

/// <summary>
/// Where keys live in Table Storage. Everything about keys shares one partition so that a key, its lookup rows
/// and its audit entry are written in one entity-group transaction (all or nothing). Key management is a few
/// writes a day; the proxy reads through a cache, so one partition's throughput is ample.
/// </summary>
public static class KeyTableLayout
{
    public const string TableName = "keys";
    public const string Partition = "keys";

    /// <summary>The key-change watermark lives in a partition of its own, outside every key query.</summary>
    public const string WatermarkPartition = "watermark";

    public const string WatermarkRow = "keys";

    private const string IdPrefix = "id|";
    private const string HashPrefix = "hash|";
    private const string NamePrefix = "name|";
    private const string AuditPrefix = "audit|";

    /// <summary>'}' sorts right after '|', so [prefix, prefix with '|' replaced by '}') spans exactly the prefix.</summary>
    private const char AfterSeparator = '}';

    public static string KeyRow(string id) => IdPrefix + id;

    public static string HashRow(string secretHash) => HashPrefix + secretHash;

    /// <summary>Names may hold characters row keys forbid (/, \, #, ?), so the row carries a hash of the normalised name.</summary>
    public static string NameRow(string name) =>
        NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KeyRules.NormalizeName(name))));

    /// <summary>Newest first: the row key holds the ticks left until <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static string AuditRow(string id, DateTimeOffset at, string uniqueSuffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditPrefix}{id}|{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}|{uniqueSuffix}");

    public static (string From, string ToExclusive) KeyRows() => (IdPrefix, "id" + AfterSeparator);

    public static (string From, string ToExclusive) AuditRows(string id) => (AuditPrefix + id + "|", AuditPrefix + id + AfterSeparator);
}
