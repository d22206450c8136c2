/** Allot web: server-rendered pages (jte + htmx) for deciders, reviewers and project leads. */
package dev.allot.web;
