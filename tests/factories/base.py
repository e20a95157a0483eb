"""The base of the factories whose objects a domain service makes."""

import factory


def made_by(service):
    """A factory base whose `create()` calls `service(**fields)` instead of saving
    the model: the object comes as the app makes it (pages, groups, files...)."""

    class ServiceFactory(factory.django.DjangoModelFactory):
        class Meta:
            abstract = True

        @classmethod
        def _create(cls, model_class, *args, **fields):
            return service(**fields)

    return ServiceFactory
