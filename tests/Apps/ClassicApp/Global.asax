<%@ Application Inherits="ClassicApp.Global" Language="C#" %>
