using System.Security.Cryptography;
using System.Text;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// A storage account name and its key. The key never leaves this type: it only produces signatures,
/// and <see cref="object.ToString"/> does not show it.
/// </summary>
internal sealed class TableSharedKeyCredential
{
    private readonly byte[] _key;

    /// <exception cref="FormatException">The key is not base64.</exception>
    public TableSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // Deliberately without the inner exception or the value: the key must not reach a log.
            throw new FormatException($"The account key of storage account '{accountName}' is not valid base64.");
        }
    }

    public string AccountName { get; }

    /// <summary>Base64 HMAC-SHA256 of <paramref name="stringToSign"/> with the account key.</summary>
    public string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    public override string ToString() => $"SharedKey credential for '{AccountName}'";
}
