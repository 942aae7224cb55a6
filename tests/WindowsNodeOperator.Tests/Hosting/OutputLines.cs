namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>A writer that collects a command's output and lets a test await the first line starting with a prefix.</summary>
internal sealed class OutputLines : StringWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Prefix, TaskCompletionSource<string> Seen)> _waiters = [];

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        lock (_gate)
        {
            _lines.Add(value ?? string.Empty);
            foreach (var (prefix, seen) in _waiters)
            {
                if (value?.StartsWith(prefix, StringComparison.Ordinal) == true)
                {
                    seen.TrySetResult(value);
                }
            }
        }
    }

    public Task<string> LineStartingWith(string prefix)
    {
        lock (_gate)
        {
            var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
            {
                seen.SetResult(line);
            }
            else
            {
                _waiters.Add((prefix, seen));
            }

            return seen.Task;
        }
    }
}
