using System.Text.Json;
using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// The models a key may use, in the provider's list shape: Cursor calls <c>GET /v1/models</c> when you press Verify.
/// Used when the key's allow-list has exact ids only; otherwise the provider's own list is passed through.
/// </summary>
internal static class ModelList
{
    public static bool CanAnswer(IReadOnlyList<string> allowList) =>
        allowList.Count > 0 && allowList.All(entry => !entry.EndsWith('*'));

    public static async Task WriteAsync(HttpContext context, ProviderDialect dialect, IReadOnlyList<string> models, DateTimeOffset now)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        if (dialect == ProviderDialect.OpenAI)
        {
            // https://platform.openai.com/docs/api-reference/models/list
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            foreach (var model in models)
            {
                json.WriteStartObject();
                json.WriteString("id", model);
                json.WriteString("object", "model");
                json.WriteNumber("created", now.ToUnixTimeSeconds());
                json.WriteString("owned_by", "keymeter");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            // https://docs.anthropic.com/en/api/models-list
            json.WriteStartArray("data");
            foreach (var model in models)
            {
                json.WriteStartObject();
                json.WriteString("type", "model");
                json.WriteString("id", model);
                json.WriteString("display_name", model);
                json.WriteString("created_at", now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("has_more", false);
            json.WriteString("first_id", models[0]);
            json.WriteString("last_id", models[^1]);
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
