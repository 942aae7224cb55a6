using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>
/// Where the probes and /metrics listen. ":port" is every interface, IPv6 too: on an IPv6 EKS cluster the kubelet probes
/// the pod's IPv6 address, and an endpoint on 0.0.0.0 alone would fail every probe.
/// </summary>
[Collection(OperatorHosts.Name)]
public sealed class HttpEndpointTests
{
    [Fact]
    public async Task Every_interface_means_IPv6_and_IPv4()
    {
        await using var endpoint = new HttpEndpoint(BindAddress.Parse(":0"), routes => routes.MapGet("/healthz", () => Results.Text("ok")));
        await endpoint.StartAsync(CancellationToken.None);
        var port = endpoint.Address!.Port;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://[::1]:{port}/healthz")));
        Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz")));
        await endpoint.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_IPv4_address_binds_that_address_only()
    {
        await using var endpoint = new HttpEndpoint(BindAddress.Parse("127.0.0.1:0"), routes => routes.MapGet("/healthz", () => Results.Text("ok")));
        await endpoint.StartAsync(CancellationToken.None);
        var port = endpoint.Address!.Port;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz")));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://[::1]:{port}/healthz")));
        await endpoint.StopAsync(CancellationToken.None);
    }
}
