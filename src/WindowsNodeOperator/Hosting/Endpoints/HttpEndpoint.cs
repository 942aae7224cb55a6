using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Hosting.Configuration;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>A small Kestrel server on one address with a few routes; its own host, so metrics and probes never share a port with anything else.</summary>
internal sealed class HttpEndpoint(BindAddress address, Action<IEndpointRouteBuilder> routes) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address actually bound (port 0 resolved), once started.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            if (address.Address.Equals(System.Net.IPAddress.Any))
            {
                // ":8080" means every interface, IPv6 as well as IPv4 (an IPv6 EKS cluster probes the pod's IPv6 address):
                // Kestrel binds [::] dual-stack, or 0.0.0.0 where the host has no IPv6.
                k.ListenAnyIP(address.Port);
            }
            else
            {
                k.Listen(address.EndPoint);
            }
        });
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.UseRouting();
        routes(_app);
        await _app.StartAsync(ct).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal));
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_app is not null)
        {
            await _app.StopAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
