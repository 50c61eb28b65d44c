using System.Diagnostics;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// Reads this process's resident set without allocating: on Linux the second field of <c>/proc/self/statm</c>
/// (pages, https://man7.org/linux/man-pages/man5/proc_pid_statm.5.html) read with pread, so sampling does not add to
/// the allocations being measured; elsewhere <see cref="Process.WorkingSet64"/>.
/// </summary>
internal sealed class WorkingSet : IDisposable
{
    private readonly SafeFileHandle? _statm;
    private readonly byte[] _buffer = new byte[128];
    private readonly Process? _process;

    public WorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            _statm = File.OpenHandle("/proc/self/statm");
        }
        else
        {
            _process = Process.GetCurrentProcess();
        }
    }

    public long Read()
    {
        if (_statm is null)
        {
            _process!.Refresh();
            return _process.WorkingSet64;
        }

        var length = RandomAccess.Read(_statm, _buffer, 0);
        var fields = _buffer.AsSpan(0, length);
        var start = fields.IndexOf((byte)' ') + 1;
        var end = fields[start..].IndexOf((byte)' ');
        return long.Parse(fields.Slice(start, end), NumberStyles.None, CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    public void Dispose()
    {
        _statm?.Dispose();
        _process?.Dispose();
    }
}
