namespace KeyMeter.Core.Digests;

/// <summary>Where the digest watermarks live: table <c>digeststate</c>, partition <c>watermark</c>, a row per kind.</summary>
public static class DigestStateKeys
{
    public const string TableName = "digeststate";
    public const string Partition = "watermark";

    public static string Row(DigestKind kind) => kind == DigestKind.Daily ? "daily" : "weekly";
}
