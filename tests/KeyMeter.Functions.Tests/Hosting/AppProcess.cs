using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyMeter.Functions.Tests.Hosting;

/// <summary>
/// The app as a process of its own (<c>dotnet KeyMeter.Functions.dll</c> from the test output), in local mode on a
/// loopback port, so a test can kill it the hard way (SIGKILL) as a crash or a scale-in would.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public HttpClient Client { get; }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<AppProcess> StartAsync(params string[] args)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "KeyMeter.Functions.dll"), $"--urls=http://127.0.0.1:{port}", .. args])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[KeyMeterAppRoot] = AppContext.BaseDirectory;
        var app = new AppProcess(Process.Start(start)!, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {app._process.ExitCode}:\n{app.Output}");
            }

            try
            {
                using var response = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        await app.DisposeAsync();
        throw new TimeoutException("The app did not answer within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, nothing flushed, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private const string KeyMeterAppRoot = "FUNCTIONS_APP_ROOT_PATH";

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
