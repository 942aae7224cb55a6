using System.Net;
using System.Net.Http.Headers;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The simulated AWS account as an <see cref="HttpMessageHandler"/>: the request's bytes go through the same parsing,
/// operations and serialization as <see cref="SimulatedAwsServer"/>, in memory, so tests on a fake clock stay deterministic.
/// A simulated timeout or reset throws what <see cref="SocketsHttpHandler"/> throws on a reset connection; a call with
/// no answer waits until the caller cancels it (its timeout, on whatever clock the caller keeps).
/// </summary>
public sealed class SimulatedAwsHandler : HttpMessageHandler
{
    private readonly SimulatedAwsFront _front;

    public SimulatedAwsHandler(SimulatedCloud cloud) => _front = new SimulatedAwsFront(cloud);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers);
        var answer = _front.Handle(WireRequest.Create(request.Method.Method, request.RequestUri?.Query, headers, body));
        if (answer.Unanswered)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Dropped)
        {
            throw new HttpRequestException(
                HttpRequestError.ResponseEnded,
                "An error occurred while sending the request.",
                new IOException("The response ended prematurely."));
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(answer.Body),
        };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", answer.RequestId);
        return response;
    }
}
