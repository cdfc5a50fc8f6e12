using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LineProf.Grpc
{
    /// <summary>
    /// Adds LineProf's message counting to every gRPC service of an app built with LineProfile=true, without any code
    /// change. The LineProf targets reference this assembly and add
    /// <c>[assembly: HostingStartup(typeof(LineProfilerGrpcHostingStartup))]</c> only in apps that reference
    /// Grpc.AspNetCore.Server, so an app without gRPC loads nothing of it.
    /// </summary>
    public sealed class LineProfilerGrpcHostingStartup : IHostingStartup
    {
        /// <inheritdoc />
        public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services =>
        {
            // One instance for every call: gRPC uses an interceptor registered in the container instead of creating one per call.
            services.TryAddSingleton(new MessageCountingInterceptor());
            services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<GrpcServiceOptions>, InterceptorSetup>());
        });

        /// <summary>
        /// Puts the interceptor in the app's global list. Hosting startups configure services before the app does, so it
        /// is first, the outermost: it counts the messages that actually crossed the wire, whatever the app's own
        /// interceptors do with them.
        /// </summary>
        private sealed class InterceptorSetup : IConfigureOptions<GrpcServiceOptions>
        {
            public void Configure(GrpcServiceOptions options) => options.Interceptors.Add<MessageCountingInterceptor>();
        }
    }
}
