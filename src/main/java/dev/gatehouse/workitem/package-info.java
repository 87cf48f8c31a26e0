/**
 * Work items: the user stories of projects, visible to the projects' members.
 */
package dev.gatehouse.workitem;
