using System.ComponentModel.DataAnnotations;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Functions.Storage;

/// <summary>
/// Where Table Storage is: a connection string (Azurite, account keys) or a table service URI reached with the
/// managed identity. Settings <c>KeyMeter__Storage__ConnectionString</c> and <c>KeyMeter__Storage__TableServiceUri</c>.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "KeyMeter:Storage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Used when <see cref="TableServiceUri"/> is not set. Default: the local emulator.</summary>
    public string ConnectionString { get; set; } = DevelopmentStorage;

    /// <summary>e.g. <c>https://stkm123.table.core.windows.net</c>; when set, wins over the connection string.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>
    /// Letters and digits put in front of every table name, so several environments or test runs can share one
    /// account. Default empty.
    /// </summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,19})?$", ErrorMessage = "KeyMeter__Storage__TablePrefix must be up to 20 letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>True when the app talks to the local emulator's well-known account.</summary>
    public bool IsDevelopmentStorage =>
        TableServiceUri is null
        && (string.Equals(ConnectionString.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase)
            || ConnectionString.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TableServiceUri is { } uri)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
            {
                yield return new ValidationResult(
                    "KeyMeter__Storage__TableServiceUri must be an absolute https URL such as https://account.table.core.windows.net.",
                    [nameof(TableServiceUri)]);
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "KeyMeter__Storage__ConnectionString is empty; set it or KeyMeter__Storage__TableServiceUri.",
                [nameof(ConnectionString)]);
            yield break;
        }

        string? problem = null;
        try
        {
            _ = TableServiceClient.FromConnectionString(ConnectionString);
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(
                $"KeyMeter__Storage__ConnectionString is not a valid storage connection string: {problem}",
                [nameof(ConnectionString)]);
        }
    }
}
