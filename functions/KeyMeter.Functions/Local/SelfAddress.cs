using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KeyMeter.Functions.Local;

/// <summary>
/// The app's own base address, so local mode calls the same <c>POST /{function}</c> endpoints the host would.
/// Read from the server's <see cref="IServerAddressesFeature"/> once it listens (port 0 is resolved by then);
/// wildcard hosts map to 127.0.0.1, as the host calls <c>http://127.0.0.1:{port}</c>.
/// </summary>
internal sealed class SelfAddress(IServer server, IHostApplicationLifetime lifetime, ILogger<SelfAddress> logger)
{
    private static readonly string[] WildcardHosts = ["+", "*", "0.0.0.0", "[::]", "::", "localhost"];

    private Uri? _address;

    /// <summary>The base address ending in '/', after waiting for the server to start.</summary>
    /// <exception cref="InvalidOperationException">The server listens on no TCP address.</exception>
    public async Task<Uri> GetAsync(CancellationToken cancellationToken)
    {
        if (_address is { } known)
        {
            return known;
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
            await started.Task.WaitAsync(cancellationToken);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = Resolve(addresses) ?? throw new InvalidOperationException(
            $"The server listens on no TCP address ({string.Join(", ", addresses)}); local mode needs one to call its payload functions.");
        if (Interlocked.Exchange(ref _address, address) is null)
        {
            Log.SelfAddressResolved(logger, address);
        }

        return address;
    }

    /// <summary>The first http address (else https) with wildcard hosts replaced by 127.0.0.1.</summary>
    internal static Uri? Resolve(IEnumerable<string> addresses)
    {
        Uri? https = null;
        foreach (var address in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (binding.IsUnixPipe || binding.IsNamedPipe)
            {
                continue;
            }

            var host = WildcardHosts.Contains(binding.Host, StringComparer.OrdinalIgnoreCase) ? "127.0.0.1" : binding.Host;
            var uri = new UriBuilder(binding.Scheme, host.Trim('[', ']'), binding.Port, binding.PathBase + "/").Uri;
            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                return uri;
            }

            https ??= uri;
        }

        return https;
    }
}
