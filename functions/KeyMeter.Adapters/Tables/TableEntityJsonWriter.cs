using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Writes an entity as an OData JSON body. String, Boolean and Int32 are inferred by the service; Int64,
/// Double, DateTime, Guid and Binary carry an <c>@odata.type</c> annotation (docs "Payload format for Table
/// service operations"). Null properties are left out. ETag and Timestamp are never written.
/// </summary>
internal static class TableEntityJsonWriter
{
    public static ReadOnlyMemory<byte> ToUtf8(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, entity);
        return buffer.WrittenMemory;
    }

    public static void Write(IBufferWriter<byte> output, TableEntity entity)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                writer.WriteString(name, text);
                return;
            case bool flag:
                writer.WriteBoolean(name, flag);
                return;
            case int number:
                writer.WriteNumber(name, number);
                return;
            case long number:
                Annotate(writer, name, TableEdmTypes.Int64);
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                return;
            case double number:
                Annotate(writer, name, TableEdmTypes.Double);
                WriteDouble(writer, name, number);
                return;
            case DateTimeOffset moment:
                Annotate(writer, name, TableEdmTypes.DateTime);
                writer.WriteString(name, TableEdmTypes.FormatDateTime(moment));
                return;
            case Guid id:
                Annotate(writer, name, TableEdmTypes.Guid);
                writer.WriteString(name, id.ToString("D"));
                return;
            case byte[] bytes:
                Annotate(writer, name, TableEdmTypes.Binary);
                writer.WriteBase64String(name, bytes);
                return;
            default:
                throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(value));
        }
    }

    // JSON has no NaN or infinities; Edm.Double sends them as the strings "NaN", "Infinity" and "-Infinity".
    private static void WriteDouble(Utf8JsonWriter writer, string name, double number)
    {
        if (double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TableEdmTypes.AnnotationSuffix, edmType);
}
