using System.Collections.Concurrent;
using System.Net;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// The operator's open watch streams, seen from below its Kubernetes client: each is either waiting for the server (a read
/// outstanding) or busy with what it last read. A watch client asks the stream for more only once it has handled every
/// event it holds, so "every open watch is waiting" together with "the server has sent every event"
/// (<see cref="WindowsNodeOperator.Sandbox.Kubernetes.Server.ISandboxStore.UndeliveredWatchEvents"/>) means the operator
/// has taken in every change made so far.
/// </summary>
internal sealed class WatchReads
{
    private readonly ConcurrentDictionary<TrackingStream, byte> _open = new();

    /// <summary>No watch response is being opened or read, or holds data its client has not asked past.</summary>
    public bool AllWaiting => _opening == 0 && _open.Keys.All(s => s.Waiting);

    private int _opening;

    public async Task<HttpResponseMessage> TrackAsync(Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref _opening);
        try
        {
            var response = await send().ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var stream = new TrackingStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), s => _open.TryRemove(s, out _));
                _open[stream] = 0;
                var content = new StreamContent(stream);
                foreach (var header in response.Content.Headers)
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response.Content = content;
            }

            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _opening);
        }
    }

    private sealed class TrackingStream(Stream inner, Action<TrackingStream> closed) : Stream
    {
        private int _reads;
        private int _done;

        /// <summary>A read is outstanding (the client has consumed everything before it), or the stream has ended or been given up.</summary>
        public bool Waiting => Volatile.Read(ref _reads) > 0 || Volatile.Read(ref _done) == 1;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            try
            {
                var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    Volatile.Write(ref _done, 1);
                }

                return read;
            }
            catch
            {
                // Cancelled or cut: the client has given this stream up (it may never dispose it).
                Volatile.Write(ref _done, 1);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _reads);
            }
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

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Volatile.Write(ref _done, 1);
                closed(this);
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
