using LineProf;
using LineProf.AspNetCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers LineProf's services.</summary>
    public static class LineProfilerServiceCollectionExtensions
    {
        /// <summary>
        /// Adds LineProf and places its middleware first in the pipeline. Options come from the <c>LineProf</c>
        /// configuration section, then <paramref name="configure"/>, then the LINEPROF_* environment variables.
        /// Calling it more than once (or in an app that also registers itself through its hosting startup) is harmless.
        /// </summary>
        public static IServiceCollection AddLineProfiler(this IServiceCollection services, Action<LineProfilerOptions>? configure = null)
        {
            AddCore(services);
            if (configure != null) services.Configure(configure);
            return services;
        }

        /// <summary>
        /// Sends the profile periodically to a continuous profiler (Pyroscope's ingest API); see
        /// <see cref="LineProfilerPushOptions"/>. Off unless a URL is set, here or in <c>LineProf:Push</c>.
        /// </summary>
        public static IServiceCollection AddLineProfilerPush(this IServiceCollection services, Action<LineProfilerPushOptions> configure)
        {
            AddCore(services);
            services.Configure(configure);
            return services;
        }

        /// <summary>Configures who may see the live page <c>/_lineprof</c> beyond loopback clients.</summary>
        public static IServiceCollection AddLineProfilerLivePage(this IServiceCollection services, Action<LineProfilerLivePageOptions> configure)
        {
            AddCore(services);
            services.Configure(configure);
            return services;
        }

        /// <summary>
        /// Lets the app choose which requests are profiled (<see cref="LineProfilerSelectionOptions.ShouldProfile"/>),
        /// beside the sample rate and the trigger of the <c>LineProf</c> options.
        /// </summary>
        public static IServiceCollection AddLineProfilerSelection(this IServiceCollection services, Action<LineProfilerSelectionOptions> configure)
        {
            AddCore(services);
            services.Configure(configure);
            return services;
        }

        private static void AddCore(IServiceCollection services)
        {
            if (services.Any(d => d.ServiceType == typeof(LineProfilerHost))) return;
            services.AddOptions<LineProfilerOptions>().BindConfiguration("LineProf");
            services.AddSingleton<LineProfilerHost>();
            services.AddOptions<LineProfilerPushOptions>().BindConfiguration("LineProf:Push");
            services.AddHostedService<ProfilePusher>();
            services.AddTransient<IStartupFilter, LineProfilerStartupFilter>();
            services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.SignalR.HubOptions>, HubFilterSetup>());
        }
    }
}
