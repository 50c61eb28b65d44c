using System.Globalization;

namespace KeyMeter.Adapters.Tables;

/// <summary>The <c>@odata.type</c> annotations Table Storage uses for types JSON cannot carry on its own.</summary>
internal static class TableEdmTypes
{
    public const string AnnotationSuffix = "@odata.type";
    public const string Int32 = "Edm.Int32";
    public const string Int64 = "Edm.Int64";
    public const string Double = "Edm.Double";
    public const string DateTime = "Edm.DateTime";
    public const string Guid = "Edm.Guid";
    public const string Binary = "Edm.Binary";
    public const string Boolean = "Edm.Boolean";
    public const string String = "Edm.String";

    /// <summary>UTC with the service's full 100 ns precision: <c>2026-01-02T03:04:05.1234567Z</c>.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDateTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
