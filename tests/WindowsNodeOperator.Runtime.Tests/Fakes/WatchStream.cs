using System.Text;
using System.Threading.Channels;

namespace WindowsNodeOperator.Runtime.Tests.Fakes;

/// <summary>A watch response body the test writes into line by line, then closes or drops.</summary>
internal sealed class WatchStream : Stream
{
    private readonly Channel<object> _chunks = Channel.CreateUnbounded<object>();
    private ReadOnlyMemory<byte> _current;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public WatchStream Send(string type, string objectJson)
    {
        _chunks.Writer.TryWrite(Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","object":{{objectJson}}}""" + "\n"));
        return this;
    }

    /// <summary>Ends the stream as a server does when timeoutSeconds runs out.</summary>
    public void End() => _chunks.Writer.TryComplete();

    /// <summary>Breaks the stream as a dropped connection does.</summary>
    public void Drop() => _chunks.Writer.TryWrite(new IOException("connection reset"));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_current.IsEmpty)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            var chunk = await _chunks.Reader.ReadAsync(cancellationToken);
            if (chunk is Exception e)
            {
                throw e;
            }

            _current = (byte[])chunk;
        }

        var n = Math.Min(buffer.Length, _current.Length);
        _current[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
