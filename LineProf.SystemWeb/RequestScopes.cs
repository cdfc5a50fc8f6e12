using System.Web;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// The profile of each request, kept in the request's own Items: the pipeline may run a request's stages on
    /// different threads, but its HttpContext stays the same.
    /// </summary>
    internal static class RequestScopes
    {
        private static readonly object s_key = new object();

        internal static RequestScope? Of(HttpContext context) => context.Items[s_key] as RequestScope;

        internal static RequestScope? Of(HttpContextBase context) => context.Items[s_key] as RequestScope;

        internal static void Set(HttpContext context, RequestScope scope) => context.Items[s_key] = scope;

        /// <summary>The request's profile, removed, so that only one EndRequest handler ends it.</summary>
        internal static RequestScope? Take(HttpContext context)
        {
            var scope = Of(context);
            context.Items.Remove(s_key);
            return scope;
        }
    }
}
