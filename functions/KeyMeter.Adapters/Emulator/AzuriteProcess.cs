using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Adapters.Emulator;

/// <summary>
/// A running Azurite table service started by this process (<see cref="AzuriteExecutable"/> says which
/// executable). Disposing it stops Azurite (SIGINT, so a data directory is saved) and then kills whatever is
/// left of the process tree, npx and node included.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InstalledStartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DownloadStartupTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly AzuriteOutputTail _stdout = new(20);
    private readonly AzuriteOutputTail _stderr = new(20);
    private int _disposed;

    private AzuriteProcess(Process process, AzuriteLaunchOptions options, AzuriteCommandLine commandLine)
    {
        _process = process;
        TableEndpoint = TableDevelopmentStorage.TableEndpoint(options.Host, options.TablePort);
        ConnectionString = TableDevelopmentStorage.ConnectionString(TableEndpoint);
        Command = commandLine.ToString();
        _process.OutputDataReceived += (_, e) => _stdout.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _stderr.Add(e.Data);
    }

    /// <summary>The table endpoint, path-style: <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A full development-storage connection string for <see cref="TableEndpoint"/>. Holds the (public) emulator key: do not log it.</summary>
    public string ConnectionString { get; }

    /// <summary>The command line that was started; contains no key.</summary>
    public string Command { get; }

    /// <summary>The started process's id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True when something accepts TCP connections on <paramref name="host"/>:<paramref name="port"/> within a second.</summary>
    public static async Task<bool> IsListeningAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Starts the table service and waits until its port answers.</summary>
    /// <exception cref="InvalidOperationException">The port is taken, the executable cannot be started, or it exited early.</exception>
    /// <exception cref="TimeoutException">The port did not answer in time (<see cref="AzuriteLaunchOptions.StartupTimeout"/>).</exception>
    public static Task<AzuriteProcess> StartAsync(AzuriteLaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var commandLine = AzuriteExecutable.Resolve(options, Environment.GetEnvironmentVariable, Environment.CurrentDirectory);
        return StartAsync(options, commandLine, cancellationToken);
    }

    /// <summary>Starts <paramref name="commandLine"/> as the emulator for <paramref name="options"/>; the seam tests use.</summary>
    internal static async Task<AzuriteProcess> StartAsync(AzuriteLaunchOptions options, AzuriteCommandLine commandLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TablePort, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.TablePort, 65535, nameof(options));
        if (await IsListeningAsync(options.Host, options.TablePort, cancellationToken))
        {
            throw new InvalidOperationException($"Something already listens on {options.Host}:{options.TablePort}; Azurite cannot start there.");
        }

        if (options.DataDirectory is not null)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        var azurite = new AzuriteProcess(new Process { StartInfo = StartInfo(commandLine) }, options, commandLine);
        try
        {
            azurite.Start();
            var startupTimeout = options.StartupTimeout ?? (commandLine.MayDownload ? DownloadStartupTimeout : InstalledStartupTimeout);
            await azurite.WaitUntilListeningAsync(options, startupTimeout, cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops Azurite: SIGINT first so it saves its data, then, if it is still running after a few seconds (or on
    /// Windows), kills the whole process tree. Safe to call twice.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!await TryStopGracefullyAsync())
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or Win32Exception)
        {
            // Never started, already gone, or stuck: nothing more a dispose can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public override string ToString() => $"Azurite table service at {TableEndpoint} ({Command})";

    private static ProcessStartInfo StartInfo(AzuriteCommandLine commandLine)
    {
        var startInfo = new ProcessStartInfo(commandLine.FileName)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in commandLine.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private async Task<bool> TryStopGracefullyAsync()
    {
        if (_process.HasExited || !UnixSignal.TryInterrupt(_process.Id))
        {
            return _process.HasExited;
        }

        using var timeout = new CancellationTokenSource(GracefulStopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Start()
    {
        try
        {
            _process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not start Azurite: {ex.Message}. Command: {Command}. Install it with 'npm install -g {AzuriteExecutable.NpxPackage}' or set {AzuriteExecutable.PathVariable}.",
                ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilListeningAsync(AzuriteLaunchOptions options, TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(startupTimeout);
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(deadline.Token); // drains the redirected output into the tails
                    throw new InvalidOperationException(
                        $"Azurite exited with code {_process.ExitCode} before listening on {options.Host}:{options.TablePort}. {Describe()}");
                }

                if (await IsListeningAsync(options.Host, options.TablePort, deadline.Token))
                {
                    return;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Azurite did not listen on {options.Host}:{options.TablePort} within {startupTimeout.TotalSeconds:0} s. {Describe()}");
        }
    }

    private string Describe() =>
        $"Command: {Command}{Environment.NewLine}stderr:{Environment.NewLine}{_stderr}{Environment.NewLine}stdout:{Environment.NewLine}{_stdout}";
}
